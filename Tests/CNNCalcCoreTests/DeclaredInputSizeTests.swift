import CNNCalcCore
import Testing

/// A size the source declares for a layer's input, checked against what arrives.
@Suite struct DeclaredInputSizeTests {
    @Test func channelsOfAMapAndFeaturesOfASequence() throws {
        let channels = DeclaredInputSize(property: "NumChannels", value: 20, measure: .channels)
        try channels.check(.featureMap(spatial: [46, 46], channels: 20), layout: .channelsLast)
        try channels.check(.sequence(steps: 10, features: 20), layout: .channelsLast)
        let error = #expect(throws: CNNCalcError.self) {
            try channels.check(.featureMap(spatial: [46, 46], channels: 2), layout: .channelsLast)
        }
        #expect(error?.kind == .shape)
        #expect(error?.description
            == "NumChannels is declared as 20, but 2 channels arrive (the input is 46x46x2); declare NumChannels as 2, or leave it out to take what arrives")
    }

    // A fully connected layer's InputSize counts every value of the map it flattens: 7*7*24 = 1176.
    @Test func flattenedFeaturesOfAMap() throws {
        let size = DeclaredInputSize(property: "InputSize", value: 1176, measure: .flattenedFeatures)
        try size.check(.featureMap(spatial: [7, 7], channels: 24), layout: .channelsLast)
        try size.check(.vector(features: 1176), layout: .channelsLast)
        #expect(try size.arriving(.sequence(steps: 3, features: 1176)) == 1176)
        let error = #expect(throws: CNNCalcError.self) { try size.check(.vector(features: 1), layout: .channelsLast) }
        #expect(error?.problem == "InputSize is declared as 1176, but 1 feature arrives (the input is 1)")
    }
}
