# The MNIST network of the question "How to calculate the number of parameters
# for convolutional neural network?", written as a nolearn layer list.
from lasagne.layers import InputLayer, Conv2DLayer, MaxPool2DLayer, DenseLayer
from lasagne.nonlinearities import softmax
from lasagne.updates import adam
from nolearn.lasagne import NeuralNet, TrainSplit

layers0 = [
    (InputLayer, {'shape': (None, 1, 28, 28)}),

    (Conv2DLayer, {'num_filters': 32, 'filter_size': (5, 5)}),
    (MaxPool2DLayer, {'pool_size': (2, 2)}),

    (Conv2DLayer, {'num_filters': 32, 'filter_size': (3, 3)}),
    (MaxPool2DLayer, {'pool_size': (2, 2)}),

    (DenseLayer, {'num_units': 256}),
    (DenseLayer, {'num_units': 10, 'nonlinearity': softmax}),
]

net0 = NeuralNet(
    layers=layers0,
    max_epochs=10,
    update=adam,
    update_learning_rate=0.0002,
    objective_l2=0.0025,
    train_split=TrainSplit(eval_size=0.25),
    verbose=1,
)
