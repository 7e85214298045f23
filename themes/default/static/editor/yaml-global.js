/* The `yaml` package (npm, its browser ES modules copied into vendor/yaml) for the classic scripts of the editor. */
import * as YAML from "./vendor/yaml/index.js";

window.YAML = YAML;
