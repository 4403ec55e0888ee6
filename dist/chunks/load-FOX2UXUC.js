import {
  MAX_POLICY_BYTES,
  loadPolicy
} from "./chunk-W5V5TT3O.js";
import "./chunk-47WNE3IU.js";
import "./chunk-NDIIMO6P.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-WGSXY4MX.js";
import "./chunk-ZBA2DZXL.js";
import "./chunk-DTKPZPO6.js";
import "./chunk-PEH7TTTG.js";
import "./chunk-5USQP7RK.js";
import "./chunk-VLZKHZEN.js";
import "./chunk-CVJYKYK3.js";
export {
  MAX_POLICY_BYTES,
  loadPolicy
};
