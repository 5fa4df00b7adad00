% A small classifier whose fully connected layer reads a 7x7x24 map.
numF = 12;
layers = [
    imageInputLayer([28 28 1])                          % height, width, channels
    convolution2dLayer(3, numF, 'Padding', 'same')
    batchNormalizationLayer
    reluLayer
    maxPooling2dLayer(2, 'Stride', 2)                   % MATLAB's pooling stride is 1 unless written
    convolution2dLayer(3, 2*numF, "Padding", "same")
    reluLayer
    maxPooling2dLayer(2, Stride=2)
    fullyConnectedLayer(3, 'Name', 'fc')
    softmaxLayer
    classificationLayer];
