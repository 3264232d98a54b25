import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('no #app element');
// The projector window loads the same page with `#projector` and mounts only its own screen.
const root = location.hash === '#projector' ? (await import('./lib/projector/Projector.svelte')).default : App;
export default mount(root, { target });
