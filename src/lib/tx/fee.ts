import { calculateFee, GasPrice, type StdFee } from "@cosmjs/stargate";

/** Same defaults as chain-sdk: 0.025uakt per gas unit, simulated gas × 1.3. */
export const GAS_PRICE = "0.025uakt";
export const GAS_MULTIPLIER = 1.3;

export function feeForSimulatedGas(gasUsed: number, gasPrice = GAS_PRICE, multiplier = GAS_MULTIPLIER): StdFee {
  return calculateFee(Math.ceil(gasUsed * multiplier), GasPrice.fromString(gasPrice));
}
