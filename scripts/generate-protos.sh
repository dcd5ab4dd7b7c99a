#!/usr/bin/env bash
# Regenerates Generated/TensorBoardProtos/*.pb.swift from Protos/tensorboard/*.proto (the
# subset of TensorBoard's own .proto files neurotop reads). The generated files are committed, so
# building neurotop needs only the SwiftProtobuf library; run this after editing a .proto.
#
# Needs protoc (Debian: apt-get install protobuf-compiler; 3.21.12 made the committed files) and
# protoc-gen-swift of the same swift-protobuf release as the library (1.39.0), built once outside
# the repository:
#   git clone --branch 1.39.0 https://github.com/apple/swift-protobuf /tmp/swift-protobuf
#   (cd /tmp/swift-protobuf && swift build -c release --product protoc-gen-swift)
#
# Usage: scripts/generate-protos.sh [path/to/protoc-gen-swift]
#        (default: /tmp/swift-protobuf/.build/release/protoc-gen-swift)
set -euo pipefail
cd "$(dirname "$0")/.."
plugin=${1:-/tmp/swift-protobuf/.build/release/protoc-gen-swift}
command -v protoc >/dev/null || { echo "protoc not found: apt-get install protobuf-compiler"; exit 1; }
[ -x "$plugin" ] || { echo "no protoc-gen-swift at $plugin: build it as the comment at the top says"; exit 1; }

out=Generated/TensorBoardProtos
rm -f "$out"/*.pb.swift
# Visibility=Package: the messages are seen by this package's targets alone (RunLogs reads them and
# hands out neurotop's own types).
# FileNaming=DropPath: tensorboard/event.proto -> event.pb.swift.
protoc --plugin=protoc-gen-swift="$plugin" --proto_path=Protos \
  --swift_opt=Visibility=Package --swift_opt=FileNaming=DropPath --swift_out="$out" \
  Protos/tensorboard/*.proto
# The generator marks each file `// swift-format-ignore-file`, so `swift format` leaves them be.
echo "generated: $(cd "$out" && ls *.pb.swift | tr '\n' ' ')"
echo "protoc $(protoc --version | cut -d' ' -f2), $("$plugin" --version)"
