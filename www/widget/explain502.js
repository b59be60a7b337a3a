// The widget's entry: <script type="module" src="…/explain502.js"></script>, then use
// <explain-502>. Loads the Rust core (explain502_core_bg.wasm, beside this file) and defines
// the element. Every decision comes from the core; this file only wires it to the page.
import init, * as core from './explain502_core.js';
import { defineExplain502 } from './element.js';
import { startRecovery } from './recovery.js';
import { downCheck } from './downcheck.js';

await init({ module_or_path: new URL('explain502_core_bg.wasm', import.meta.url) });
// The element calls `core.startRecovery(core, …)`: the same name the error pages inline.
const api = { ...core, startRecovery };
api.downCheck = (url, config) => downCheck(api, url, config);
defineExplain502(api);
