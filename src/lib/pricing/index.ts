export * from "./time";
export * from "./denoms";
export * from "./deposit";
export * from "./market";
export * from "./estimate";
