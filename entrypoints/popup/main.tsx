import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Popup } from '../../components/Popup';
import '../../components/extension-page.css';
import { adoptExtensionPageTokens } from '../../components/theme-tokens';

adoptExtensionPageTokens();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Popup />
  </StrictMode>,
);
