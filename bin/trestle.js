#!/usr/bin/env node
'use strict';
// Runs the CLI from TypeScript source, so a checkout needs no build.
const { join } = require('node:path');

process.env.TZ = process.env.TZ || 'UTC';
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
require('../tools/cli/src/main.ts');
