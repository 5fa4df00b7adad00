# Chained Lasagne calls: padding modes, strides, untied biases, dropout,
# pooling that keeps the border, a network-in-network layer, global pooling.
import lasagne
from lasagne.layers import InputLayer, Conv2DLayer, MaxPool2DLayer, Pool2DLayer, DenseLayer
from lasagne.layers import dropout, NINLayer, GlobalPoolLayer

l = InputLayer(shape=(None, 3, 32, 32))
l = Conv2DLayer(l, num_filters=16, filter_size=(3, 3), pad='same')
l = Conv2DLayer(l, num_filters=16, filter_size=3, stride=2, pad='same')      # 16x16x16
l = Conv2DLayer(l, num_filters=8, filter_size=(3, 3), pad='full', untie_biases=True)
l = MaxPool2DLayer(l, pool_size=3, stride=2, ignore_border=False)
l = Pool2DLayer(l, pool_size=(2, 2), mode='average_inc_pad')
l = Conv2DLayer(lasagne.layers.dropout(l, p=.5), num_filters=24, filter_size=(2, 2), pad=1,
                nonlinearity=lasagne.nonlinearities.leaky_rectify)
l = NINLayer(l, num_units=12)
l = GlobalPoolLayer(l)
l_out = DenseLayer(dropout(l, p=0.25), num_units=10,
                   nonlinearity=lasagne.nonlinearities.softmax)
