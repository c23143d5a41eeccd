import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startI18n } from '../i18n';
import { OverlayPage } from './OverlayPage';
import { overlayOptions } from './overlay-options';
import './overlay.css';

startI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OverlayPage options={overlayOptions(location.search)} />
  </StrictMode>
);
