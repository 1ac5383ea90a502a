export { TcpEndpointList } from "./tcp-endpoint-list";
