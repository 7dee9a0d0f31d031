// The blue-green service. Its private parts: routing (target groups, listener rules), container
// definitions, the image, the three roles and autoscaling; only the component and what its args
// take are public.
export { SERVICE_DEFAULTS } from "./args";
export type { BlueGreenServiceArgs } from "./args";
export { BlueGreenService } from "./bluegreen-service";
export type { ServiceSecret } from "./container-definitions";
export type { ServiceImage } from "./container-image";
