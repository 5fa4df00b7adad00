/// The families of the zoo, in the order `cnncalc zoo` lists them.
extension Zoo {
    /// One entry per family file under `Families/`; adding a family adds one line here.
    static let families: [[ZooModel]] = [
        Seeds.models,
        LeNet.models,
        AlexNet.models,
        VGG.models,
        ResNet.models,
        DenseNet.models,
        GoogLeNet.models,
        InceptionV3.models,
        SqueezeNet.models,
        MobileNetV2.models,
        MobileNetV3.models,
        MNASNet.models,
        ShuffleNetV2.models,
        EfficientNet.models,
        RegNet.models,
        ConvNeXt.models,
        VisionTransformer.models,
        UNet.models,
        KerasResNet.models,
        KerasMobileNetV2.models,
        KerasMobileNet.models,
        KerasVGG.models,
        KerasDenseNet.models,
        KerasInceptionV3.models,
        KerasEfficientNet.models,
    ]
}
