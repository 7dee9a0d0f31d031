// The blue-green service and its target groups (a component of their own: the edge's listeners may
// forward to blue). Private parts: listener rules, CodeDeploy, container definitions, the image, the
// roles and autoscaling; public: the components, what their args take, and the facts tests pin.
export { DEPLOYMENT_CONTROLLERS, DEPLOYMENT_MARGIN_MINUTES, deploymentTimeoutMinutes, SERVICE_DEFAULTS } from "./args";
export type { BlueGreenServiceArgs, DeploymentController } from "./args";
export { RULE_IGNORE_CHANGES } from "./bluegreen-routing";
export { BlueGreenService, SERVICE_IGNORE_CHANGES } from "./bluegreen-service";
export { CODEDEPLOY_DEPLOYMENT_CONFIG, CODEDEPLOY_ECS_MANAGED_POLICY } from "./codedeploy";
export { BlueGreenTargetGroups } from "./target-groups";
export type { BlueGreenTargetGroupsArgs } from "./target-groups";
export type { ServiceSecret } from "./container-definitions";
export type { ServiceImage } from "./container-image";
