import {
  readConfigFile
} from "./chunk-42KD4JMS.js";
import "./chunk-EMOG55AG.js";
import "./chunk-CVJYKYK3.js";
export {
  readConfigFile
};
