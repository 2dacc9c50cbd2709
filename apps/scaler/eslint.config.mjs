import baseConfig, { appRules } from '../../eslint.config.mjs';

export default [...baseConfig, ...appRules];
