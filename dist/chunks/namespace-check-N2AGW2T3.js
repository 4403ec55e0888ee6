import {
  nameAssessmentFor,
  namespaceCheck
} from "./chunk-6DLL7NBL.js";
import "./chunk-P7HMLIBO.js";
import "./chunk-NDIIMO6P.js";
import "./chunk-JTLQZMZU.js";
import "./chunk-VYTMODJS.js";
import "./chunk-5USQP7RK.js";
import "./chunk-CVJYKYK3.js";
export {
  nameAssessmentFor,
  namespaceCheck
};
