#include "route_command.h"

#include <atomic>
#include <iostream>

#include <fmt/format.h>

#include "cli_support.h"
#include "progress_bar.h"
#include "rrflow/io/rrd/rrd_route.h"
#include "standard_input.h"

namespace rrflow::cli {

RouteCommand::RouteCommand(CLI::App& app) {
  route_ = app.add_subcommand("route", "new application or recording ids, chunks copied as they are");
  route_->footer(
      "The chunks' encoded bytes are copied unchanged (nothing is decompressed or\n"
      "re-encoded into the output); store announcements and blueprint activations are\n"
      "rewritten, and a new footer describes the result. With several inputs and\n"
      "--recording-id, they become one recording and their blueprint activations are\n"
      "dropped.\n\n"
      "Example: rrflow route day1.rrd day2.rrd --recording-id robot7_week12 -o week12.rrd");
  route_->add_option("inputs", inputs_, "the .rrd files to read, in order (- for standard input)")->required()->transform(StandardInput());
  route_->add_option("-o,--output", output_,
                     "the .rrd file to write (default: standard output, unless it is a terminal)");
  route_->add_option("--application-id", application_id_, "the application id of every store");
  route_->add_option("--recording-id", recording_id_, "the recording id of every store");
  progress_.AddTo(*route_);
}

int RouteCommand::Run() const {
  auto output = OutputPath(output_);
  if (!output.ok()) return Fail(output.status());
  RrdRouteOptions options;
  options.application_id = application_id_;
  options.recording_id = recording_id_;
  std::atomic<int64_t> done = 0, total = 0;  // read by the bar's thread
  options.progress = [&](int64_t bytes_done, int64_t bytes_total) {
    done = bytes_done;
    total = bytes_total;
  };
  ProgressBar bar(progress_.wanted(), [&] { return done.load(); }, [&] { return total.load(); });
  auto routed = RouteRrdFiles(inputs_, *output, options);
  bar.Stop();
  if (!routed.ok()) return Fail(routed.status());
  if (routed->dropped_blueprint_activations > 0) {
    std::cerr << fmt::format("rrflow: {} blueprint activation(s) dropped: the inputs became one recording\n",
                             routed->dropped_blueprint_activations);
  }
  return kSuccess;
}

}  // namespace rrflow::cli
