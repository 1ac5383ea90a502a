export { DeployAction } from "./deploy-action";
export { RecoveryBanner } from "./recovery-banner";
