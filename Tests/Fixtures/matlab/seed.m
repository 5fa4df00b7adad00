% Data Science SE 65392: a [50 50 2] input and 20 filters of 5x5.
layers = [imageInputLayer([50 50 2]) convolution2dLayer(5,20) reluLayer fullyConnectedLayer(5) softmaxLayer classificationLayer];
