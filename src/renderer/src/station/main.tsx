import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startI18n } from '../i18n';
import { StationPage } from './StationPage';
import './station.css';

startI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StationPage />
  </StrictMode>
);
