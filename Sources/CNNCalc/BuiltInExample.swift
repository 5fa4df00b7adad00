/// The network `cnncalc` analyses when given nothing: the MNIST network of the Lasagne/nolearn
/// question "How to calculate the number of parameters for convolutional neural network?".
///
/// Its report reads 32x24x24 with `(5*5*1+1)*32 = 832`, 32x12x12 with 0, 32x10x10 with
/// `(3*3*32+1)*32 = 9,248`, 32x5x5 with 0, 256 with `(32*5*5+1)*256 = 205,056` and 10 with
/// `(256+1)*10 = 2,570`: 217,706 in total.
public enum BuiltInExample {
    /// The example in the `.cnn` format.
    public static let text = """
        # The MNIST network of the Lasagne/nolearn question, written channels first as Lasagne prints it.
        input 1x28x28 layout=chw
        conv 32 5x5
        maxpool 2
        conv 32 3x3
        maxpool 2
        dense 256
        dense 10

        """

    /// The name reports and errors use for the example's source.
    public static let sourceName = "example.cnn"
}
