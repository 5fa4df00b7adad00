"""Writes two synthetic ONNX models with very large weights, for the memory benchmarks of BENCHMARKS.md.

    python Scripts/make_onnx_large_models.py /tmp/large

writes into the directory:

- `single_1.9GB.onnx`: one file of about 1.9 GB, every weight inside it (a MatMul of a 1x22000
  input by a 22000x22000 float32 weight, 1.936 GB, then a ReLU and a second, small MatMul).
- `external_10GB.onnx` and `external_10GB.weights`: a graph of a few kilobytes whose 50000x50000
  float32 weight (10 GB) lies in the external data file beside it, as `onnx.save(...,
  save_as_external_data=True)` writes models over 2 GB.

The weights are zeros and the files are written sparse (the zero bytes are skipped with a seek),
so they take almost no disk space and are written in a moment; a reader that copied the weights
would still have to read every byte. The single file is assembled by hand rather than by
`onnx.save`, which would hold the 1.9 GB in memory twice: the graph is serialized by onnx without
the large weight, and the weight's TensorProto is written in front of the graph's other fields
(protobuf does not care about the order of fields).

Needs `onnx` only.
"""

import os
import sys

import onnx
from onnx import TensorProto, helper

SINGLE = 22000
EXTERNAL = 50000


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def key(field, wire_type):
    return varint(field << 3 | wire_type)


def graph(size, weight_initializer=None):
    """x [1, size] -> MatMul by W [size, size] -> Relu -> MatMul by V [size, 10] -> y [1, 10]."""
    nodes = [
        helper.make_node("MatMul", ["x", "W"], ["h"], name="fc1"),
        helper.make_node("Relu", ["h"], ["r"], name="relu"),
        helper.make_node("MatMul", ["r", "V"], ["y"], name="fc2"),
    ]
    small = helper.make_tensor("V", TensorProto.FLOAT, [size, 10], vals=b"\0" * (size * 10 * 4), raw=True)
    initializers = [small] + ([weight_initializer] if weight_initializer is not None else [])
    return helper.make_graph(
        nodes, "large", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, size])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 10])], initializer=initializers)


def model(graph_proto):
    result = helper.make_model(graph_proto, opset_imports=[helper.make_opsetid("", 17)], producer_name="cnncalc-bench")
    result.ir_version = 8
    return result


def write_single(path):
    weight_bytes = SINGLE * SINGLE * 4
    # The TensorProto of W, its raw_data (field 9) last: dims (1), data_type (2), name (8), raw_data (9).
    head = b"".join([key(1, 0) + varint(SINGLE), key(1, 0) + varint(SINGLE), key(2, 0) + varint(TensorProto.FLOAT),
                     key(8, 2) + varint(1) + b"W", key(9, 2) + varint(weight_bytes)])
    tensor_length = len(head) + weight_bytes
    rest_of_graph = graph(SINGLE).SerializeToString()
    graph_length = len(key(5, 2)) + len(varint(tensor_length)) + tensor_length + len(rest_of_graph)
    without_graph = model(graph(SINGLE))
    without_graph.ClearField("graph")
    with open(path, "wb") as file:
        file.write(without_graph.SerializeToString())
        file.write(key(7, 2) + varint(graph_length))        # ModelProto.graph
        file.write(key(5, 2) + varint(tensor_length))       # GraphProto.initializer
        file.write(head)
        file.seek(weight_bytes, os.SEEK_CUR)                # the weight's zeros, left sparse
        file.write(rest_of_graph)
    onnx.checker.check_model(path)  # reads it back the way onnx does


def write_external(directory):
    weight_bytes = EXTERNAL * EXTERNAL * 4
    data_name = "external_10GB.weights"
    weight = TensorProto(name="W", data_type=TensorProto.FLOAT, dims=[EXTERNAL, EXTERNAL])
    weight.data_location = TensorProto.EXTERNAL
    for entry_key, value in (("location", data_name), ("offset", "0"), ("length", str(weight_bytes))):
        entry = weight.external_data.add()
        entry.key, entry.value = entry_key, value
    onnx.save(model(graph(EXTERNAL, weight)), os.path.join(directory, "external_10GB.onnx"))
    with open(os.path.join(directory, data_name), "wb") as file:
        file.truncate(weight_bytes)


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "/tmp/large"
    os.makedirs(directory, exist_ok=True)
    write_single(os.path.join(directory, "single_1.9GB.onnx"))
    write_external(directory)
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        print(f"{path}: {os.path.getsize(path):,} bytes, {os.stat(path).st_blocks * 512:,} on disk")


if __name__ == "__main__":
    main()
