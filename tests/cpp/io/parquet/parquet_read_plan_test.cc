// Column grouping and column rules of the Parquet reader (io/parquet/read_plan, column_rules).
#include "io/parquet/read_plan_internal.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow::internal {
namespace {

std::shared_ptr<arrow::Schema> Doubles(const std::vector<std::string>& names) {
  arrow::FieldVector fields;
  for (const auto& name : names) fields.push_back(arrow::field(name, arrow::float64()));
  return arrow::schema(fields);
}

ReadPlan Plan(const std::vector<std::string>& columns, const ParquetReaderOptions& options = {}) {
  auto config = MakeReaderConfig(options);
  EXPECT_TRUE(config.ok()) << config.status().ToString();
  auto plan = MakeReadPlan(*Doubles(columns), *config);
  EXPECT_TRUE(plan.ok()) << plan.status().ToString();
  return plan.ValueOr(ReadPlan{});
}

// `path: name, name, ...` per group; rule entries as `name<kind>`.
std::vector<std::string> Describe(const ReadPlan& plan) {
  std::vector<std::string> out;
  for (const auto& group : plan.groups) {
    std::string text = group.entity_path.ToString() + ":";
    for (const auto& entry : group.entries) {
      text += " " + entry.name;
      if (entry.kind == EntryKind::kComponent) text += "<component>";
      if (entry.kind == EntryKind::kScalars) text += "<scalars>";
      if (entry.kind == EntryKind::kTransform) text += "<transform>";
    }
    out.push_back(text);
  }
  return out;
}

using Texts = std::vector<std::string>;

ColumnRule Rule(std::vector<std::string> suffixes, std::string target,
                std::optional<std::string> field_name_override = std::nullopt) {
  ColumnRule rule;
  rule.suffixes = std::move(suffixes);
  rule.target = std::move(target);
  rule.field_name_override = std::move(field_name_override);
  return rule;
}

TEST(ParquetGrouping, PrefixSplitsAtFirstDelimiterAndSortsKeys) {
  const auto plan = Plan({"camera_rgb", "camera_depth", "a_b_c", "speed", "tail_", "_hidden", "Z_q"});
  EXPECT_EQ(Describe(plan), (Texts{"/: hidden", "/Z: q", "/a: b_c", "/camera: rgb depth",
                                   "/speed: speed", "/tail_: tail_"}));
  EXPECT_TRUE(plan.structs);
}

TEST(ParquetGrouping, PrefixKeyCollidesWithWholeName) {
  EXPECT_EQ(Describe(Plan({"a", "a_x"})), (Texts{"/a: a x"}));
}

TEST(ParquetGrouping, CustomDelimiterAndEntityPrefix) {
  ParquetReaderOptions options;
  options.delimiter = U'.';
  options.entity_path_prefix = "world/robot";
  EXPECT_EQ(Describe(Plan({"imu.acc.x", "imu.acc.y", "observation.images.top"}, options)),
            (Texts{"/world/robot/imu: acc.x acc.y", "/world/robot/observation: images.top"}));
}

TEST(ParquetGrouping, MultiByteDelimiter) {
  ParquetReaderOptions options;
  options.delimiter = U'\u00B0';
  EXPECT_EQ(Describe(Plan({"t\u00B0a", "t\u00B0b", "x"}, options)), (Texts{"/t: a b", "/x: x"}));
}

TEST(ParquetGrouping, IndividualKeepsSchemaOrderAndNeverPacks) {
  ParquetReaderOptions options;
  options.column_grouping = "individual";
  const auto plan = Plan({"camera_rgb", "pose/x", "my col"}, options);
  EXPECT_EQ(Describe(plan), (Texts{"/camera_rgb: camera_rgb", "/pose/x: pose/x", "/my\\ col: my col"}));
  EXPECT_FALSE(plan.structs);
}

TEST(ParquetGrouping, ExplicitPrefixesLongestFirst) {
  ParquetReaderOptions options;
  options.column_grouping = "explicit_prefixes";
  options.prefixes = std::vector<std::string>{"cat", "catalog"};
  EXPECT_EQ(Describe(Plan({"catx", "cat_bar", "catalogfoo", "catalog", "dog"}, options)),
            (Texts{"/cat: x bar", "/catalog: foo", "/catalog: catalog", "/dog: dog"}));
}

TEST(ParquetGrouping, ExplicitPrefixTiesKeepCallerOrder) {
  ParquetReaderOptions options;
  options.column_grouping = "explicit_prefixes";
  options.prefixes = std::vector<std::string>{"ab", "cd"};
  EXPECT_EQ(Describe(Plan({"abx", "cdy", "abcd"}, options)), (Texts{"/ab: x cd", "/cd: y"}));
}

TEST(ParquetGrouping, IndexAndStaticColumnsAreExcluded) {
  auto schema = arrow::schema({arrow::field("t", arrow::int64()), arrow::field("s", arrow::utf8()),
                               arrow::field("i8", arrow::int8()), arrow::field("v", arrow::float64())});
  ParquetReaderOptions options;
  options.index_columns = {{"t", "timestamp", "ms"}, {"i8", "sequence", std::nullopt}};
  options.static_columns = {"s", "missing"};
  ASSERT_OK_AND_ASSIGN(auto config, MakeReaderConfig(options));
  ASSERT_OK_AND_ASSIGN(auto plan, MakeReadPlan(*schema, config));
  ASSERT_EQ(plan.timelines.size(), 1u);  // int8 cannot hold times
  EXPECT_EQ(plan.timelines[0].name, "t");
  EXPECT_EQ(plan.timelines[0].type, TimeType::kTimestampNs);
  EXPECT_EQ(plan.timelines[0].multiplier, 1'000'000);
  ASSERT_EQ(plan.statics.size(), 1u);
  EXPECT_EQ(plan.statics[0].name, "s");
  EXPECT_EQ(Describe(plan), (Texts{"/v: v"}));
}

TEST(ParquetGrouping, MissingIndexColumnIsAnError) {
  ParquetReaderOptions options;
  options.index_columns = {{"zz", "sequence", std::nullopt}};
  ASSERT_OK_AND_ASSIGN(auto config, MakeReaderConfig(options));
  auto plan = MakeReadPlan(*Doubles({"a"}), config);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().message(), "Index column 'zz' not found in parquet schema");
}

TEST(ParquetRules, TranslationAndQuaternionInOneGroup) {
  ParquetReaderOptions options;
  options.column_rules = {Rule({"_pos_x", "_pos_y", "_pos_z"}, "Translation3D"),
                          Rule({"_quat_x", "_quat_y", "_quat_z", "_quat_w"}, "RotationQuat")};
  const auto plan = Plan({"A_pos_x", "A_pos_y", "A_pos_z", "A_quat_w", "A_quat_x", "A_quat_y",
                          "A_quat_z", "A_speed"},
                         options);
  EXPECT_EQ(Describe(plan), (Texts{"/A: pos<component> quat<component> speed"}));
  // Values are packed in suffix order, not in file order.
  EXPECT_EQ(plan.groups[0].entries[1].columns, (std::vector<int>{4, 5, 6, 3}));
}

TEST(ParquetRules, SuffixMatchesOnlyAtUnderscoreBoundary) {
  ParquetReaderOptions options;
  ColumnRule scalars = Rule({"_x", "_y", "_z"}, "Scalars");
  scalars.names = std::vector<std::string>{"x", "y", "z"};
  options.column_rules = {scalars};
  EXPECT_EQ(Describe(Plan({"sensor_accel_ax", "sensor_accel_ay", "sensor_accel_az"}, options)),
            (Texts{"/sensor: accel_ax accel_ay accel_az"}));
  EXPECT_EQ(Describe(Plan({"sensor_accel_x", "sensor_accel_y", "sensor_accel_z"}, options)),
            (Texts{"/sensor: accel<scalars>"}));
  EXPECT_EQ(Describe(Plan({"obs_x", "obs_y", "obs_z"}, options)), (Texts{"/obs: scalars<scalars>"}));
}

TEST(ParquetRules, FieldNameOverrides) {
  ParquetReaderOptions options;
  options.column_rules = {Rule({"_pos_x", "_pos_y", "_pos_z"}, "Translation3D", "_pos"),
                          Rule({"_quat_x", "_quat_y", "_quat_z", "_quat_w"}, "RotationQuat", "_quat")};
  EXPECT_EQ(Describe(Plan({"Foo_name_pos_x", "Foo_name_pos_y", "Foo_name_pos_z", "Foo_name_quat_x",
                           "Foo_name_quat_y", "Foo_name_quat_z", "Foo_name_quat_w"},
                          options)),
            (Texts{"/Foo: name_pos<component> name_quat<component>"}));
  options.column_rules[0].field_name_override = "_here";
  EXPECT_EQ(Describe(Plan({"Foo_pos_x", "Foo_pos_y", "Foo_pos_z"}, options)),
            (Texts{"/Foo: here<component>"}));
}

TEST(ParquetRules, AxisAngleStemIsCommonPrefix) {
  ParquetReaderOptions options;
  options.column_rules = {Rule({"_axis_x", "_axis_y", "_axis_z", "_angle"}, "RotationAxisAngle")};
  EXPECT_EQ(Describe(Plan({"r_axis_x", "r_axis_y", "r_axis_z", "r_angle", "r_speed"}, options)),
            (Texts{"/r: a<component> speed"}));
}

TEST(ParquetRules, FirstRuleWins) {
  ParquetReaderOptions options;
  ColumnRule scalars = Rule({"_x", "_y", "_z"}, "Scalars");
  scalars.names = std::vector<std::string>{"a", "b", "c"};
  options.column_rules = {scalars, Rule({"_pos_x", "_pos_y", "_pos_z"}, "Translation3D")};
  EXPECT_EQ(Describe(Plan({"A_pos_x", "A_pos_y", "A_pos_z"}, options)), (Texts{"/A: pos<scalars>"}));
}

TEST(ParquetRules, UnpairedTransformReleasesItsColumns) {
  ParquetReaderOptions options;
  ColumnRule transform = Rule({"_pos_x", "_pos_y", "_pos_z"}, "Transform");
  transform.rotation_suffixes = std::vector<std::string>{"_quat_x", "_quat_y", "_quat_z", "_quat_w"};
  options.column_rules = {transform, Rule({"_pos_x", "_pos_y", "_pos_z"}, "Translation3D")};
  EXPECT_EQ(Describe(Plan({"A_pos_x", "A_pos_y", "A_pos_z", "A_quat_x", "A_quat_y", "A_quat_z"}, options)),
            (Texts{"/A: pos<component> quat_x quat_y quat_z"}));
  EXPECT_EQ(Describe(Plan({"A_pos_x", "A_pos_y", "A_pos_z", "A_quat_x", "A_quat_y", "A_quat_z",
                           "A_quat_w"},
                          options)),
            (Texts{"/A: pos<transform>"}));
}

TEST(ParquetRules, IndividualGroupsMatchesByStem) {
  ParquetReaderOptions options;
  options.column_grouping = "individual";
  options.column_rules = {Rule({"_pos_x", "_pos_y", "_pos_z"}, "Translation3D", "_ignored")};
  EXPECT_EQ(Describe(Plan({"Z", "B_pos_x", "B_pos_y", "B_pos_z", "A_pos_x", "A_pos_y", "A_pos_z", "C"},
                          options)),
            (Texts{"/A: A<component>", "/B: B<component>", "/Z: Z", "/C: C"}));
}

TEST(ParquetRules, ExplicitPrefixRulesSkipUnmatchedColumns) {
  ParquetReaderOptions options;
  options.column_grouping = "explicit_prefixes";
  options.prefixes = std::vector<std::string>{"robA"};
  options.column_rules = {Rule({"_pos_x", "_pos_y", "_pos_z"}, "Translation3D")};
  EXPECT_EQ(Describe(Plan({"robA_pos_x", "robA_pos_y", "robA_pos_z", "robA_b", "o_pos_x"}, options)),
            (Texts{"/robA: pos<component> b", "/o_pos_x: o_pos_x"}));
}

TEST(ParquetOptions, ValidationMessagesAndOrder) {
  const auto message = [](const ParquetReaderOptions& options) {
    auto config = MakeReaderConfig(options);
    EXPECT_FALSE(config.ok());
    EXPECT_TRUE(config.status().IsInvalid());
    return config.status().message();
  };
  ParquetReaderOptions options;
  options.column_grouping = "bad";
  options.index_columns = {{"f", "bogus", std::nullopt}};
  EXPECT_EQ(message(options),
            "Unknown column_grouping: 'bad'. Expected 'prefix', 'individual', or 'explicit_prefixes'.");
  options = {};
  options.prefixes = std::vector<std::string>{};
  EXPECT_EQ(message(options), "'prefixes' is only valid with column_grouping='explicit_prefixes'");
  options = {};
  options.column_grouping = "explicit_prefixes";
  EXPECT_EQ(message(options), "'explicit_prefixes' requires the 'prefixes' parameter");
  options.prefixes = std::vector<std::string>{};
  EXPECT_EQ(message(options), "'prefixes' must not be empty for 'explicit_prefixes' grouping");
  options = {};
  options.column_rules = {Rule({"_x"}, "Bogus")};
  options.index_columns = {{"f", "bogus", std::nullopt}};
  EXPECT_EQ(message(options),
            "Unknown target: 'Bogus'. Valid targets: Translation3D, RotationQuat, RotationAxisAngle, "
            "Scale3D, Scalars, Transform.");
  options.column_rules = {Rule({"_x"}, "Scalars")};
  EXPECT_EQ(message(options), "Scalars target requires 'names'");
  options.column_rules = {Rule({"_x"}, "Transform")};
  EXPECT_EQ(message(options), "Transform target requires 'rotation_suffixes'");
  options.column_rules = {};
  options.index_columns = {{"f", "bogus", "xs"}};
  EXPECT_EQ(message(options), "Unknown time unit: 'xs'. Expected 'ns', 'us', 'ms', or 's'.");
  options.index_columns = {{"f", "bogus", "s"}};
  EXPECT_EQ(message(options),
            "Unknown index type: 'bogus'. Expected 'timestamp', 'duration', or 'sequence'.");
}

}  // namespace
}  // namespace rrflow::internal
