import {
  renderText
} from "./chunk-QBAVXOP2.js";
import "./chunk-VX7TFLLC.js";
import "./chunk-YABUTBMA.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-5USQP7RK.js";
import "./chunk-YWQRT5AS.js";
import "./chunk-CVJYKYK3.js";
export {
  renderText
};
