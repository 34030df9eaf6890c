/** Entry of /tracker.attribution.js: web-vitals' attribution build (LCP element, INP phases, shift target). */
import { onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals/attribution';
import { start } from './core';

start({ onCLS, onFCP, onINP, onLCP, onTTFB });
