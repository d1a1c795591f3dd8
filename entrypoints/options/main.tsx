import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsPage } from '../../components/OptionsPage';
import '../../components/extension-page.css';
import { adoptExtensionPageTokens } from '../../components/theme-tokens';

adoptExtensionPageTokens();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <OptionsPage />
  </StrictMode>,
);
