import Foundation
import SwiftProtobuf
@testable import CNNCalcONNX

/// Small ONNX graphs written in the tests, with the generated (lite) message types: dims only, no data.
enum TestGraph {
    static func valueInfo(_ name: String, _ dims: [Any]) -> Onnxlite_ValueInfoProto {
        var info = Onnxlite_ValueInfoProto()
        info.name = name
        var tensor = Onnxlite_TypeProto.Tensor()
        tensor.elemType = 1
        tensor.shape.dim = dims.map { value in
            var dim = Onnxlite_TensorShapeProto.Dimension()
            if let size = value as? Int { dim.dimValue = Int64(size) } else { dim.dimParam = "\(value)" }
            return dim
        }
        info.type.tensorType = tensor
        return info
    }

    static func node(
        _ opType: String, _ name: String, inputs: [String], outputs: [String],
        attributes: [Onnxlite_AttributeProto] = [], domain: String = ""
    ) -> Onnxlite_NodeProto {
        var node = Onnxlite_NodeProto()
        node.opType = opType
        node.name = name
        node.input = inputs
        node.output = outputs
        node.attribute = attributes
        if !domain.isEmpty { node.domain = domain }
        return node
    }

    static func ints(_ name: String, _ values: [Int]) -> Onnxlite_AttributeProto {
        var attribute = Onnxlite_AttributeProto()
        attribute.name = name
        attribute.type = .ints
        attribute.ints = values.map(Int64.init)
        return attribute
    }

    static func int(_ name: String, _ value: Int) -> Onnxlite_AttributeProto {
        var attribute = Onnxlite_AttributeProto()
        attribute.name = name
        attribute.type = .int
        attribute.i = Int64(value)
        return attribute
    }

    static func initializer(_ name: String, _ dims: [Int64], type: Int32) -> Onnxlite_TensorProto {
        var tensor = Onnxlite_TensorProto()
        tensor.name = name
        tensor.dims = dims
        tensor.dataType = type
        return tensor
    }

    static func serialized(
        inputs: [Onnxlite_ValueInfoProto], nodes: [Onnxlite_NodeProto], initializers: [Onnxlite_TensorProto] = [],
        valueInfo: [Onnxlite_ValueInfoProto] = []
    ) throws -> Data {
        var model = Onnxlite_ModelProto()
        model.irVersion = 8
        model.graph.name = "test"
        model.graph.input = inputs
        model.graph.node = nodes
        model.graph.initializer = initializers
        model.graph.valueInfo = valueInfo
        return try model.serializedData()
    }
}
