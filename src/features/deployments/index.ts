export { DeploymentsListPage } from "./deployments-list-page";
export { DeploymentDetailPage } from "./deployment-detail-page";
