int CDisplayWidth_wcwidth(unsigned int c);
