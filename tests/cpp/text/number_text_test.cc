// Numbers as the reference prints them.
#include "text/number_text_internal.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace rrflow::internal {
namespace {

TEST(RustFloatText, RustDisplayOfFloats) {
  EXPECT_EQ(RustFloatText(1.0), "1");
  EXPECT_EQ(RustFloatText(0.1), "0.1");
  EXPECT_EQ(RustFloatText(-0.0), "-0");
  EXPECT_EQ(RustFloatText(1e20), "100000000000000000000");
  EXPECT_EQ(RustFloatText(1e-7), "0.0000001");
  EXPECT_EQ(RustFloatText(std::nan("")), "NaN");
  EXPECT_EQ(RustFloatText(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(RustFloatText(0.1f), "0.1");
}

}  // namespace
}  // namespace rrflow::internal
