/// The CNNCalc library: every module of the package under one import.
@_exported import CNNCalcCore
@_exported import CNNCalcAnalysis
@_exported import CNNCalcFormats
@_exported import CNNCalcONNX
@_exported import CNNCalcRendering
@_exported import CNNCalcZoo
