# Sequences: an embedding, an LSTM with its default peepholes, a plain
# recurrent layer, a GRU, and a dense layer that flattens the sequence.
from lasagne.layers import InputLayer, EmbeddingLayer, LSTMLayer, GRULayer, RecurrentLayer, DenseLayer

l_in = InputLayer(shape=(None, 20))
l_emb = EmbeddingLayer(l_in, input_size=100, output_size=8)
l_lstm = LSTMLayer(l_emb, num_units=16)
l_rnn = RecurrentLayer(l_lstm, num_units=10)
l_gru = GRULayer(l_rnn, num_units=12)
l_out = DenseLayer(l_gru, num_units=3)
