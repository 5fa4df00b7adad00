import CNNCalcCore
import Testing

/// A size MATLAB code declares for a layer's input (`'NumChannels'`, `'InputSize'`), checked against what arrives.
@Suite struct DeclaredInputSizeTests {
    static let conv = Layer(name: "conv_2", kind: .convolution(Convolution(filters: 8, kernelSize: [3])))
    static let fc = Layer(name: "fc", kind: .dense(Dense(units: 3)))

    @Test func channelsOfAMapAndFeaturesOfASequence() throws {
        let channels = DeclaredInput("NumChannels", 20, isNameValuePair: true)
        #expect(try channels.mismatch(on: Self.conv, input: .featureMap(spatial: [46, 46], channels: 20), from: nil, layout: .channelsLast) == nil)
        let error = try channels.mismatch(on: Self.conv, input: .featureMap(spatial: [46, 46], channels: 2), from: "conv_1", layout: .channelsLast)
        #expect(error?.kind == .shape)
        #expect(error?.description == "conv_2: receives 2 channels (the 46x46x2 output of conv_1), declared 'NumChannels',20; set 'NumChannels',2, or leave it out to take what arrives")
    }

    // A fully connected layer's InputSize counts every value of the map it flattens: 7*7*24 = 1176.
    @Test func flattenedFeaturesOfAMap() throws {
        let size = DeclaredInput("InputSize", 1176, isNameValuePair: true)
        #expect(try size.mismatch(on: Self.fc, input: .featureMap(spatial: [7, 7], channels: 24), from: nil, layout: .channelsLast) == nil)
        #expect(try size.mismatch(on: Self.fc, input: .vector(features: 1176), from: nil, layout: .channelsLast) == nil)
        let error = try size.mismatch(on: Self.fc, input: .featureMap(spatial: [7, 7], channels: 20), from: "pool", layout: .channelsLast)
        #expect(error?.problem == "receives 7*7*20 = 980 features (the 7x7x20 output of pool), declared 'InputSize',1176")
        #expect(error?.fix == "set 'InputSize',980, or leave it out to take what arrives")
    }
}
