import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StationPage } from './StationPage';
import './station.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StationPage />
  </StrictMode>
);
