export { DeployAction } from "./DeployAction";
export { RecoveryBanner } from "./RecoveryBanner";
