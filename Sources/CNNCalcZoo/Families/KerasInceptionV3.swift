import CNNCalcCore

/// Inception v3 (Szegedy et al.) as Keras Applications writes it (`keras.applications.InceptionV3`),
/// with Keras' layer names and Keras' way of counting.
///
/// Keras' `conv2d_bn` is a convolution without bias, a BatchNorm without scale (`scale=False`:
/// an offset and the moving mean and variance, 3 numbers per channel, one of them trainable) and
/// a relu, all three named automatically by Keras in the order they are built (`conv2d_5`,
/// `batch_normalization_5`, `activation_5`), as are the poolings (`max_pooling2d`,
/// `average_pooling2d_3`) and the two unnamed concatenations of `mixed9` and `mixed10`
/// (`concatenate`, `concatenate_1`); the blocks' outputs are `mixed0` to `mixed10`. Unlike
/// torchvision's `inception_v3` it has no auxiliary classifier and no dropout.
enum KerasInceptionV3 {
    static let paper = Citation(
        authors: "Szegedy et al.", year: 2016, title: "Rethinking the Inception Architecture for Computer Vision",
        reference: "CVPR 2016, arXiv:1512.00567")

    static let models: [ZooModel] = [
        ZooModel(
            name: "keras/inceptionv3", title: "Inception v3 (Keras)", family: "Inception", paper: paper,
            framework: "Keras 3.15", convention: .keras,
            defaultInput: .featureMap(spatial: [299, 299], channels: 3), inputLayout: .channelsLast, defaultClasses: 1000,
            notes: ["BatchNorm without scale (scale=False)", "no auxiliary classifier"],
            layers: layers),
    ]

    /// Keras' automatic layer names: the class's snake-case name, then `_1`, `_2`, ... in build order.
    final class Names {
        private var counts: [String: Int] = [:]

        func next(_ base: String) -> String {
            let count = counts[base, default: 0]
            counts[base] = count + 1
            return count == 0 ? base : "\(base)_\(count)"
        }
    }

    /// The network under construction: its layers and the automatic names given so far.
    final class Writer {
        var layers: [LayerDeclaration] = []
        let names = Names()

        /// Keras' `conv2d_bn`: a `rows`x`columns` convolution (`same` unless told), BatchNorm without scale, relu.
        func convBN(
            _ input: String, _ filters: Int, _ rows: Int, _ columns: Int, stride: Int = 1, padding: Padding = .same
        ) -> String {
            layers.append(
                Convolution(filters: filters, kernelSize: [rows, columns], stride: [stride], padding: padding, hasBias: false)
                    .named(names.next("conv2d")).inputs(input))
            layers.append(BatchNormalization(scale: false).named(names.next("batch_normalization")))
            layers.append(Activation(.relu).named(names.next("activation")))
            return layers.output
        }

        func pool(_ mode: Pooling.Mode, _ input: String, stride: Int, padding: Padding = .valid) -> String {
            let base = mode == .max ? "max_pooling2d" : "average_pooling2d"
            layers.append(
                Pooling(mode, poolSize: [3, 3], stride: [stride], padding: padding).named(names.next(base)).inputs(input))
            return layers.output
        }

        func concatenate(_ inputs: [String], name: String? = nil) -> String {
            layers.append(Concatenate().named(name ?? names.next("concatenate")).inputs(inputs))
            return layers.output
        }
    }

    static func layers(_ configuration: ZooConfiguration) -> [LayerDeclaration] {
        let w = Writer()
        w.layers.append(Input(configuration.input, layout: .channelsLast).named("input_layer"))
        var x = w.convBN("input_layer", 32, 3, 3, stride: 2, padding: .valid)
        x = w.convBN(x, 32, 3, 3, padding: .valid)
        x = w.convBN(x, 64, 3, 3)
        x = w.pool(.max, x, stride: 2)
        x = w.convBN(x, 80, 1, 1, padding: .valid)
        x = w.convBN(x, 192, 3, 3, padding: .valid)
        x = w.pool(.max, x, stride: 2)
        for (index, poolFilters) in [32, 64, 64].enumerated() {
            let branch1x1 = w.convBN(x, 64, 1, 1)
            let branch5x5 = w.convBN(w.convBN(x, 48, 1, 1), 64, 5, 5)
            let branch3x3dbl = w.convBN(w.convBN(w.convBN(x, 64, 1, 1), 96, 3, 3), 96, 3, 3)
            let branchPool = w.convBN(w.pool(.average, x, stride: 1, padding: .same), poolFilters, 1, 1)
            x = w.concatenate([branch1x1, branch5x5, branch3x3dbl, branchPool], name: "mixed\(index)")
        }
        do {
            let branch3x3 = w.convBN(x, 384, 3, 3, stride: 2, padding: .valid)
            let branch3x3dbl = w.convBN(w.convBN(w.convBN(x, 64, 1, 1), 96, 3, 3), 96, 3, 3, stride: 2, padding: .valid)
            let branchPool = w.pool(.max, x, stride: 2)
            x = w.concatenate([branch3x3, branch3x3dbl, branchPool], name: "mixed3")
        }
        for (index, width) in [128, 160, 160, 192].enumerated() {
            let branch1x1 = w.convBN(x, 192, 1, 1)
            var branch7x7 = w.convBN(x, width, 1, 1)
            branch7x7 = w.convBN(w.convBN(branch7x7, width, 1, 7), 192, 7, 1)
            var branch7x7dbl = w.convBN(x, width, 1, 1)
            branch7x7dbl = w.convBN(w.convBN(branch7x7dbl, width, 7, 1), width, 1, 7)
            branch7x7dbl = w.convBN(w.convBN(branch7x7dbl, width, 7, 1), 192, 1, 7)
            let branchPool = w.convBN(w.pool(.average, x, stride: 1, padding: .same), 192, 1, 1)
            x = w.concatenate([branch1x1, branch7x7, branch7x7dbl, branchPool], name: "mixed\(4 + index)")
        }
        do {
            let branch3x3 = w.convBN(w.convBN(x, 192, 1, 1), 320, 3, 3, stride: 2, padding: .valid)
            var branch7x7x3 = w.convBN(w.convBN(w.convBN(x, 192, 1, 1), 192, 1, 7), 192, 7, 1)
            branch7x7x3 = w.convBN(branch7x7x3, 192, 3, 3, stride: 2, padding: .valid)
            let branchPool = w.pool(.max, x, stride: 2)
            x = w.concatenate([branch3x3, branch7x7x3, branchPool], name: "mixed8")
        }
        for index in 0..<2 {
            let branch1x1 = w.convBN(x, 320, 1, 1)
            let branch3x3 = w.convBN(x, 384, 1, 1)
            let branch3x3Split = w.concatenate(
                [w.convBN(branch3x3, 384, 1, 3), w.convBN(branch3x3, 384, 3, 1)], name: "mixed9_\(index)")
            let branch3x3dbl = w.convBN(w.convBN(x, 448, 1, 1), 384, 3, 3)
            let branch3x3dblSplit = w.concatenate([w.convBN(branch3x3dbl, 384, 1, 3), w.convBN(branch3x3dbl, 384, 3, 1)])
            let branchPool = w.convBN(w.pool(.average, x, stride: 1, padding: .same), 192, 1, 1)
            x = w.concatenate([branch1x1, branch3x3Split, branch3x3dblSplit, branchPool], name: "mixed\(9 + index)")
        }
        if configuration.includesTop {
            w.layers.append(GlobalPooling(.average).named("avg_pool"))
            w.layers.append(Dense(units: configuration.classes, activation: .softmax).named("predictions"))
        }
        return w.layers
    }
}
