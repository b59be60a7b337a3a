// The widget for bundlers (the npm package's `explain502/widget`): importing it defines
// <explain-502>. The bundler build of the core instantiates its wasm on import.
import * as core from './explain502_core.js';
import { defineExplain502 } from './element.js';
import { startRecovery } from './recovery.js';
import { downCheck } from './downcheck.js';

const api = { ...core, startRecovery };
api.downCheck = (url, config) => downCheck(api, url, config);
defineExplain502(api);
