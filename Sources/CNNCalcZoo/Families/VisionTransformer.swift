import CNNCalcCore

/// ViT-B/16 of Dosovitskiy et al., "An Image is Worth 16x16 Words", as torchvision's
/// `vision_transformer.py` writes it: the image cut into 16x16 patches by a convolution of
/// stride 16 (`conv_proj`, to 768 features), the patches made a sequence, a learned class token
/// put in front, a learned position embedding added, twelve encoder blocks, a LayerNorm, and
/// one dense layer on the class token.
///
/// An encoder block (torchvision's `EncoderBlock`) is pre-norm: `ln_1`, 12-head self-attention
/// (`nn.MultiheadAttention`, one packed input projection), dropout, the input added back; then
/// `ln_2`, the MLP (768 to 3,072, GELU, back to 768, with dropouts) and the input added back.
/// The position embedding has one row per token, so the model is built for one input size:
/// torchvision's `image_size` (224 by default; `--input 3x384x384` is `image_size=384`, 577 tokens).
/// torchvision takes only square images whose side is a multiple of 16; CNNCalc builds any size,
/// the patch convolution warning of the rows and columns no patch covers.
///
/// Rows that are no module follow the `forward` of torchvision: `reshape` and `permute` turn the
/// 768x14x14 map into 196 steps of 768 (`_process_input`), `class_token` and
/// `encoder.pos_embedding` are the two parameters that are no module's (named as
/// `model.named_parameters()` names them), `add` and `add_1` are the block's residual sums, and
/// `getitem` is `x[:, 0]`, the class token the head reads. Without the head (`--no-top`) the
/// network ends at `encoder.ln` on every token, as timm's `forward_features`.
///
/// MACs: 17,567,610,624 at 224x224. 17,563,828,224 of them are the multiply-accumulates of the
/// convolution and matrix products PyTorch runs (counted from their shapes by the fixture
/// script); the other 3,782,400 are the scale and shift of the 25 LayerNorms, one per value, as
/// CNNCalc counts every normalization. torchinfo's "Total mult-adds" is 173,232,616, 0.99% of it
/// (`--macs torchinfo` reproduces it), for two reasons: torchinfo multiplies a `Linear`'s
/// parameters by the batch only, not by the 197 tokens it is applied to, and gives
/// `nn.MultiheadAttention` 0, since the module is no leaf (it holds `out_proj`, whose weights its
/// forward uses without calling it), so neither its projections nor the scores and weighted sums
/// are counted.
enum VisionTransformer {
    /// A variant: patch size, blocks, heads, hidden size and MLP width.
    struct Variant: Sendable {
        var patch: Int
        var layers: Int
        var heads: Int
        var hidden: Int
        var mlp: Int
    }

    static let base16 = Variant(patch: 16, layers: 12, heads: 12, hidden: 768, mlp: 3072)

    static let models: [ZooModel] = [
        ZooModel(
            name: "vit_b_16", title: "ViT-B/16", family: "Vision Transformer",
            paper: Citation(
                authors: "Dosovitskiy et al.", year: 2021,
                title: "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale",
                reference: "ICLR 2021, arXiv:2010.11929"),
            framework: "torchvision 0.28", convention: .pytorch,
            defaultInput: .featureMap(spatial: [224, 224], channels: 3), inputLayout: .channelsFirst, defaultClasses: 1000,
            notes: ["the input size is torchvision's image_size: the position embedding has one row per patch and one for the class token",
                    "torchinfo's mult-adds are about 1% of the MACs: it counts a Linear once per example, not per token, and the attention as 0"],
            layers: { configuration in layers(base16, configuration) }),
    ]

    static func layers(_ variant: Variant, _ configuration: ZooConfiguration) -> [LayerDeclaration] {
        let patches = configuration.input.spatial.map { $0 / variant.patch }.reduce(1, *)
        var layers = ZooLayers.input(configuration)
        layers += [
            Convolution(filters: variant.hidden, kernelSize: [variant.patch, variant.patch], stride: [variant.patch])
                .named("conv_proj"),
            Reshape([variant.hidden, patches], layout: .channelsFirst).named("reshape"),
            Permute(axes: [2, 1]).named("permute"),
            ClassToken().named("class_token"),
            PositionEmbedding().named("encoder.pos_embedding"),
            Dropout(rate: 0).named("encoder.dropout"),
        ]
        for index in 0..<variant.layers {
            layers += encoderBlock("encoder.layers.encoder_layer_\(index)", input: layers.output, variant)
        }
        layers.append(LayerNormalization().named("encoder.ln"))
        if configuration.includesTop {
            layers += [
                SelectStep(index: 0).named("getitem"),
                Dense(units: configuration.classes).named("heads.head"),
            ]
        }
        return layers
    }

    /// torchvision's `EncoderBlock`: `ln_1`, `self_attention`, `dropout`, `add` of the input;
    /// `ln_2`, the MLP `mlp.0` to `mlp.4` (dense, GELU, dropout, dense, dropout), `add_1`.
    @NetworkBuilder
    static func encoderBlock(_ path: String, input: String, _ variant: Variant) -> [LayerDeclaration] {
        LayerNormalization().named("\(path).ln_1").inputs(input)
        MultiHeadAttention(heads: variant.heads).named("\(path).self_attention")
        Dropout(rate: 0).named("\(path).dropout")
        Add().named("\(path).add").inputs("\(path).dropout", input)
        LayerNormalization().named("\(path).ln_2")
        Dense(units: variant.mlp, flattensInput: false).named("\(path).mlp.0")
        Activation(.gelu).named("\(path).mlp.1")
        Dropout(rate: 0).named("\(path).mlp.2")
        Dense(units: variant.hidden, flattensInput: false).named("\(path).mlp.3")
        Dropout(rate: 0).named("\(path).mlp.4")
        Add().named("\(path).add_1").inputs("\(path).add", "\(path).mlp.4")
    }
}
