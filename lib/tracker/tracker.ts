/** Entry of /tracker.js: the standard web-vitals build. */
import { onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals';
import { start } from './core';

start({ onCLS, onFCP, onINP, onLCP, onTTFB });
