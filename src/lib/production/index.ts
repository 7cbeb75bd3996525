/** The production simulator for chapter 5: scenarios from real data, the step loop, predictors. */
export * from './engine';
export * from './onnx-predictor';
export * from './predictor';
export * from './report';
export * from './scenarios';
export * from './settings';
export * from './offline';
