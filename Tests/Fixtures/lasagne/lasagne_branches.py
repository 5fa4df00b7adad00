# Branches and merges: a residual sum, a concatenation, padding, local response
# normalization, reshaping, 1-D convolution and pooling.
from lasagne.layers import *
from lasagne.nonlinearities import rectify, identity, sigmoid

l_in = InputLayer((None, 8, 20, 20), name='image')
conv_a = Conv2DLayer(l_in, 8, (3, 3), pad=1, name='conv_a')
conv_b = Conv2DLayer(conv_a, 8, (3, 3), pad=1, nonlinearity=identity, name='conv_b')
res = ElemwiseSumLayer([l_in, conv_b], name='residual')
act = NonlinearityLayer(res, nonlinearity=rectify)
norm = LocalResponseNormalization2DLayer(act)
side = Conv2DLayer(PadLayer(norm, width=2), 4, (5, 5))
merged = ConcatLayer([norm, side], axis=1, name='merged')
pooled = MaxPool2DLayer(merged, pool_size=(4, 4))
seq = ReshapeLayer(pooled, ([0], 12, 25))
conv1d = Conv1DLayer(seq, num_filters=6, filter_size=3, pad='valid')
pool1d = MaxPool1DLayer(conv1d, pool_size=2)
flat = FlattenLayer(pool1d)
out = DenseLayer(flat, num_units=1, nonlinearity=sigmoid, name='out')
