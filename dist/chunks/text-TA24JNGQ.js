import {
  renderText
} from "./chunk-JQW4236F.js";
import "./chunk-VX7TFLLC.js";
import "./chunk-YABUTBMA.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-5USQP7RK.js";
import "./chunk-7B4W3LTJ.js";
import "./chunk-CVJYKYK3.js";
export {
  renderText
};
