// Loads the packed packages with require(): their CommonJS builds.
const { main } = require('./checks.cjs');

main('require', {
  core: require('@hookwire/core'),
  github: require('@hookwire/github'),
  githubTesting: require('@hookwire/github/testing'),
  express: require('express'),
  expressAdapter: require('@hookwire/express'),
});
