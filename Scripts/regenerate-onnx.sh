#!/bin/sh
# Regenerates Sources/CNNCalcONNX/Generated/onnx_lite.pb.swift from Protos/onnx.proto.
#
# Needs protoc (apt-get install -y protobuf-compiler) and a protoc-gen-swift built from the
# swift-protobuf version the package depends on (the generated code checks it):
#
#   git clone --branch 1.39.0 https://github.com/apple/swift-protobuf
#   (cd swift-protobuf && swift build --product protoc-gen-swift)
#   PROTOC_GEN_SWIFT=swift-protobuf/.build/debug/protoc-gen-swift Scripts/regenerate-onnx.sh
#
# Protos/onnx.proto is the upstream file, copied unchanged from the onnx wheel
# (pip download --no-deps onnx; unzip -j onnx-*.whl onnx/onnx.proto). Protos/onnx_lite.proto
# is derived from it here: package onnxlite, and in TensorProto the data fields (raw_data and
# the typed *_data fields) are reserved, so that decoding a model skips the weights instead of
# copying them. CNNCalc needs only the dims of each tensor.
set -eu
cd "$(dirname "$0")/.."
: "${PROTOC_GEN_SWIFT:?set PROTOC_GEN_SWIFT to the path of protoc-gen-swift 1.39.0}"

sed -e 's/^package onnx;/package onnxlite;/' \
    -e 's/^\( *\)repeated float float_data = 4 \[packed = true\];/\1reserved 4; \/\/ float_data, skipped by CNNCalc/' \
    -e 's/^\( *\)repeated int32 int32_data = 5 \[packed = true\];/\1reserved 5; \/\/ int32_data, skipped by CNNCalc/' \
    -e 's/^\( *\)repeated bytes string_data = 6;/\1reserved 6; \/\/ string_data, skipped by CNNCalc/' \
    -e 's/^\( *\)repeated int64 int64_data = 7 \[packed = true\];/\1reserved 7; \/\/ int64_data, skipped by CNNCalc/' \
    -e 's/^\( *\)optional bytes raw_data = 9;/\1reserved 9; \/\/ raw_data, skipped by CNNCalc/' \
    -e 's/^\( *\)repeated double double_data = 10 \[packed = true\];/\1reserved 10; \/\/ double_data, skipped by CNNCalc/' \
    -e 's/^\( *\)repeated uint64 uint64_data = 11 \[packed = true\];/\1reserved 11; \/\/ uint64_data, skipped by CNNCalc/' \
    Protos/onnx.proto > Protos/onnx_lite.proto

# Every data field must have been replaced; fail loudly if upstream changed their spelling.
test "$(grep -c 'skipped by CNNCalc' Protos/onnx_lite.proto)" -eq 7

protoc --plugin=protoc-gen-swift="$PROTOC_GEN_SWIFT" \
    --swift_out=Sources/CNNCalcONNX/Generated \
    --swift_opt=Visibility=Internal \
    -I Protos Protos/onnx_lite.proto
echo "wrote Sources/CNNCalcONNX/Generated/onnx_lite.pb.swift"
