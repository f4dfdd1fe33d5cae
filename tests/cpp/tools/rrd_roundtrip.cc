// rrd_roundtrip: reads an .rrd file with rrflow's reader and writes every
// store's messages back with rrflow's writer, for the interop tests that
// hand the result to the real `rerun` tools.
//
// usage: rrd_roundtrip INPUT OUTPUT [--no-footer] [--uncompressed]
#include <cstring>
#include <iostream>
#include <string>

#include "rrflow/io/rrd/rrd_message_reader.h"
#include "rrflow/io/rrd/rrd_writer.h"

namespace {

arrow::Status RoundTrip(const std::string& input, const std::string& output,
                        const rrflow::RrdWriterOptions& options) {
  ARROW_ASSIGN_OR_RAISE(auto reader, rrflow::RrdMessageReader::Open(input));
  ARROW_ASSIGN_OR_RAISE(auto writer, rrflow::RrdWriter::Open(output, options));
  while (true) {
    ARROW_ASSIGN_OR_RAISE(auto message, reader->Next());
    if (!message) break;
    switch (message->kind) {
      case rrflow::RrdMessageKind::kSetStoreInfo: {
        ARROW_ASSIGN_OR_RAISE(auto info, rrflow::DecodeSetStoreInfo(*message));
        info.store_id = *message->store_id;
        ARROW_RETURN_NOT_OK(writer->WriteStoreInfo(info));
        break;
      }
      case rrflow::RrdMessageKind::kArrowMsg: {
        ARROW_ASSIGN_OR_RAISE(auto decoded, rrflow::DecodeArrowMsg(*message));
        ARROW_RETURN_NOT_OK(writer->WriteChunk(decoded.store_id, decoded.chunk));
        break;
      }
      case rrflow::RrdMessageKind::kBlueprintActivationCommand: {
        ARROW_ASSIGN_OR_RAISE(auto command, rrflow::DecodeBlueprintActivationCommand(*message));
        ARROW_RETURN_NOT_OK(writer->WriteBlueprintActivation(command));
        break;
      }
      case rrflow::RrdMessageKind::kEnd:
        break;  // the writer makes its own footer
    }
  }
  return writer->Finish();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: rrd_roundtrip INPUT OUTPUT [--no-footer] [--uncompressed]\n";
    return 2;
  }
  rrflow::RrdWriterOptions options;
  for (int i = 3; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-footer") == 0) {
      options.write_footer = false;
    } else if (std::strcmp(argv[i], "--uncompressed") == 0) {
      options.compression = rrflow::RrdCompression::kNone;
    } else {
      std::cerr << "unknown option " << argv[i] << "\n";
      return 2;
    }
  }
  const auto status = RoundTrip(argv[1], argv[2], options);
  if (!status.ok()) {
    std::cerr << status.ToString() << "\n";
    return 1;
  }
  return 0;
}
