import CNNCalcCore

/// The U-Net of Ronneberger et al., as the paper's Fig. 1 draws it: on a 1x572x572 tile, four
/// levels of two unpadded 3x3 convolutions with ReLU (`enc1` to `enc4`, 64 to 512 filters), each
/// followed by 2x2 max pooling (`pool1` to `pool4`), a bottom level of 1,024 filters (`bottom`),
/// then four levels of a 2x2 up-convolution of stride 2 halving the channels (`up4` to `up1`),
/// the centre crop of the encoder output of the same level (`center_crop`, `center_crop_1`, ...)
/// concatenated before it (`cat`, `cat_1`, ...), and two unpadded 3x3 convolutions with ReLU
/// (`dec4` to `dec1`); a 1x1 convolution to the classes (`head`) gives the 388x388 map of 2
/// classes. No BatchNorm and no padding, as in the paper; 31,030,658 parameters.
///
/// It is checked against a PyTorch module written after the paper in
/// `Scripts/generate_zoo_fixtures.py` (`UNet`), not a library's: the paper's own code is Caffe.
/// Each crop removes `(skip - up) / 2` rows before (rounded down) and the rest after, as that
/// module's `center_crop` slices; an input whose sizes are odd before a pooling loses the
/// last row there, as PyTorch's pooling does.
enum UNet {
    static let models: [ZooModel] = [
        ZooModel(
            name: "unet", title: "U-Net", family: "U-Net",
            paper: Citation(
                authors: "Ronneberger et al.", year: 2015,
                title: "U-Net: Convolutional Networks for Biomedical Image Segmentation",
                reference: "MICCAI 2015, arXiv:1505.04597"),
            framework: "PyTorch", convention: .pytorch,
            defaultInput: .featureMap(spatial: [572, 572], channels: 1), inputLayout: .channelsFirst, defaultClasses: 2,
            hasTop: false,
            notes: ["the paper's network (Fig. 1), written as a PyTorch module: valid convolutions, centre crops"],
            layers: layers),
    ]

    static let widths = [64, 128, 256, 512]

    static func layers(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        var layers = ZooLayers.input(configuration)
        var sizes = Array(configuration.input.spatial)
        var skips: [(name: String, sizes: [Int])] = []
        for (level, width) in widths.enumerated() {
            layers += double("enc\(level + 1)", input: layers.output, width: width)
            sizes = sizes.map { $0 - 4 }
            skips.append((layers.output, sizes))
            layers.append(Pooling(.max, poolSize: [2, 2]).named("pool\(level + 1)"))
            sizes = sizes.map { $0 / 2 }
        }
        layers += double("bottom", input: layers.output, width: 1024)
        sizes = sizes.map { $0 - 4 }
        for (call, level) in (1...4).reversed().enumerated() {
            let width = widths[level - 1]
            let up = "up\(level)"
            layers.append(TransposedConvolution(filters: width, kernelSize: [2, 2], stride: [2]).named(up))
            sizes = sizes.map { $0 * 2 }
            let skip = skips[level - 1]
            let suffix = call == 0 ? "" : "_\(call)"
            let cropping = zip(skip.sizes, sizes).map { skipSize, upSize in
                let extra = max(0, skipSize - upSize)
                return AxisPadding(before: extra / 2, after: extra - extra / 2)
            }
            layers.append(Cropping(cropping).named("center_crop\(suffix)").inputs(skip.name))
            layers.append(Concatenate().named("cat\(suffix)").inputs("center_crop\(suffix)", up))
            layers += double("dec\(level)", input: "cat\(suffix)", width: width)
            sizes = sizes.map { $0 - 4 }
        }
        layers.append(Convolution(filters: configuration.classes, kernelSize: [1, 1]).named("head"))
        return layers
    }

    /// Two unpadded 3x3 convolutions with bias, each followed by ReLU: the modules `path.0` to `path.3`.
    @NetworkBuilder
    static func double(_ path: String, input: String, width: Int) -> [LayerDeclaration] {
        Convolution(filters: width, kernelSize: [3, 3]).named("\(path).0").inputs(input)
        Activation(.relu).named("\(path).1")
        Convolution(filters: width, kernelSize: [3, 3]).named("\(path).2")
        Activation(.relu).named("\(path).3")
    }
}
