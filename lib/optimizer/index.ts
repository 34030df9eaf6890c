/**
 * The optimizer: detectors that turn what the stored data says about a project into ranked
 * recommendations with their evidence, impact and steps (detectors.ts), thresholds a project may
 * override (thresholds.ts), detection passes (run.ts, the `optimizer` job) and the stored
 * recommendations with their statuses (store.ts). Server only.
 */
import 'server-only';

export { CATEGORIES, DETECTORS, PRIORITIES, type Finding } from './detectors';
export { runAllDetection, runDetection, type DetectionReport } from './run';
export { setThresholds, thresholdsFor, type OptimizerThresholds } from './settings';
export { listRecommendations, setStatus, STATUSES, type Recommendation } from './store';
export { DEFAULT_THRESHOLDS, THRESHOLDS, thresholdsBody, type ThresholdChanges } from './thresholds';
