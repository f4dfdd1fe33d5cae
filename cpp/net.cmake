# The net layer: gRPC to a Rerun viewer or proxy. A library of its own on top
# of the core, so that only what talks to viewers links gRPC.
find_package(gRPC CONFIG REQUIRED)

# sdk_comms.proto imports the RRD codec's messages (rrflow_rrd_proto): the
# generated code is compiled once, into one object library, without our
# warning flags.
add_library(rrflow_net_proto OBJECT src/net/proto/rerun/sdk_comms.proto)
set(RRFLOW_NET_PROTO_OUT ${CMAKE_CURRENT_BINARY_DIR}/net_proto)
protobuf_generate(TARGET rrflow_net_proto LANGUAGE cpp
  IMPORT_DIRS ${CMAKE_CURRENT_SOURCE_DIR}/src/net/proto ${CMAKE_CURRENT_SOURCE_DIR}/src/io/rrd/proto
  PROTOC_OUT_DIR ${RRFLOW_NET_PROTO_OUT})
protobuf_generate(TARGET rrflow_net_proto LANGUAGE grpc
  GENERATE_EXTENSIONS .grpc.pb.h .grpc.pb.cc
  PLUGIN "protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>"
  IMPORT_DIRS ${CMAKE_CURRENT_SOURCE_DIR}/src/net/proto ${CMAKE_CURRENT_SOURCE_DIR}/src/io/rrd/proto
  PROTOC_OUT_DIR ${RRFLOW_NET_PROTO_OUT})
target_include_directories(rrflow_net_proto SYSTEM PUBLIC ${RRFLOW_NET_PROTO_OUT})
# The variant without TLS: gRPC's TLS build loads the system libcrypto into
# the Python module next to pyarrow's libparquet, which exports OpenSSL
# symbols of its own; libcrypto then binds to those and crashes the first
# `import hashlib` that follows `import rrflow`.
target_link_libraries(rrflow_net_proto PUBLIC rrflow_rrd_proto gRPC::grpc++_unsecure)

add_library(rrflow_net STATIC
  src/net/net_error.cc
  src/net/proxy_url.cc
  src/net/log_msg_framing.cc
  src/net/message_stream.cc
  src/net/grpc_sink.cc
  src/net/viewer_client.cc)
target_include_directories(rrflow_net PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
# Linking the object library puts its objects into this archive.
target_link_libraries(rrflow_net PUBLIC rrflow_core PRIVATE rrflow_net_proto)
rrflow_set_warnings(rrflow_net)
