// Loads the packed packages with import: their ES module builds.
import * as core from '@hookwire/core';
import * as expressAdapter from '@hookwire/express';
import * as github from '@hookwire/github';
import * as githubTesting from '@hookwire/github/testing';
import express from 'express';
import checks from './checks.cjs';

await checks.main('import', { core, github, githubTesting, express, expressAdapter });
